//! Streaming JSON reading for snapshot files (no DOM, positions on every token).

mod number;
mod reader;
mod scan;

pub use reader::{
    Fatal, Found, JsonReader, LoadControl, MAX_DEPTH, MAX_STRING_BYTES, Number, Pos, StrProblem,
    quote_preview,
};

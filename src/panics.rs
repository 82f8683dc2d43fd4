//! A bug met while reading a file (in engage, or in a library it reads the file with: a
//! damaged Parquet page has made the `parquet` crate panic) becomes an error about that file,
//! not a crash and not a panic message printed over the output or the screen.
//!
//! [`catch`] runs a piece of work and gives its panic back as text; [`install_hook`] (the
//! binary calls it first thing) keeps the panic hook from printing a panic that is being
//! caught so. Any other panic is printed as always.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    /// How many [`catch`] calls this thread is inside.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// Whether this thread is inside [`catch`] (a panic here is being turned into an error).
pub fn is_caught() -> bool {
    CATCHING.with(Cell::get) > 0
}

/// Wraps the panic hook so that a panic inside [`catch`] is not printed.
pub fn install_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_caught() {
            previous(info);
        }
    }));
}

/// Runs `work`; a panic in it comes back as what it said. Work is abandoned at the panic,
/// so its partial results must not be used (the callers drop them).
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| text(payload.as_ref()))
}

/// What a panic said, as text.
pub fn text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_its_message_and_the_thread_goes_on() {
        assert_eq!(catch(|| 2 + 2), Ok(4));
        let index = 7;
        let v: Vec<u8> = Vec::new();
        let err = catch(|| v[index]).unwrap_err();
        assert!(err.contains("index out of bounds"), "{err}");
        assert_eq!(
            catch(|| panic!("with {}", "args")),
            Err::<(), _>("with args".into())
        );
        assert!(!is_caught(), "outside catch again");
    }
}

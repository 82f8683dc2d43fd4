//! Small widgets and helpers shared by the steps.

pub mod text_input;

//! Small widgets and helpers shared by the steps.

pub mod axis;
pub mod text_input;

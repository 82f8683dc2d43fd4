//! Screen states that tests pin and benches wait for, kept in one place so that a bench can
//! never wait for a text the app no longer shows while the tests still pass.

/// The demo has loaded and 1 Data is drawn: its title and the Data step's own hints (which
/// replace the loading frame's `esc cancel load`).
pub fn demo_loaded_in_data_step(screen: &str) -> bool {
    screen.contains("Kabar Kini") && screen.contains("o open") && screen.contains("r reload")
}

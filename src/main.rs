fn main() {
    let parsed = engage::snapshot::load::load_demo();
    println!("{:?}", parsed.findings);
}

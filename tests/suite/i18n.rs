//! Bahasa Indonesia: what people read follows `--lang id` (numbers, statuses, the verdict);
//! what machines read (JSON, CSV) stays as it is.

use assert_cmd::Command;

fn engage(home: &std::path::Path) -> Command {
    let mut c = crate::common::engage_bin();
    // engage_bin already clears the locale.
    c.env_remove("ENGAGE_HOME").arg("--home").arg(home);
    c
}

fn out(home: &std::path::Path, args: &[&str]) -> String {
    String::from_utf8(
        engage(home)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap()
}

#[test]
fn people_read_indonesian_machines_read_the_same_json() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    out(
        h,
        &[
            "plan",
            "new",
            "--template",
            "website-loyalty",
            "--name",
            "web",
        ],
    );
    let json = ["report", "--plan", "web", "--format", "json"];
    let en = out(h, &json);
    let mut with_id = vec!["--lang", "id"];
    with_id.extend(json);
    assert_eq!(out(h, &with_id), en, "JSON does not follow --lang");
    let csv = ["export", "posts"];
    let mut csv_id = vec!["--lang", "id"];
    csv_id.extend(csv);
    assert_eq!(out(h, &csv_id), out(h, &csv));
    // Markdown is for people: Indonesian statuses, verdict and numbers.
    let md = out(h, &["--lang", "id", "report", "--plan", "web"]);
    assert!(md.contains("tercapai"), "{md}");
    assert!(md.contains(" dari 8 KPI tercapai"), "{md}");
    let md_en = out(h, &["report", "--plan", "web"]);
    assert!(md_en.contains("of 8 KPIs met"), "{md_en}");
    // An Indonesian percent: a decimal comma.
    assert!(
        md.lines()
            .any(|l| l.contains("Porsi trafik langsung") && l.contains(",") && l.contains('%')),
        "{md}"
    );
    engage(h)
        .args(["--lang", "fr", "summary"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("expected en or id"));
}

/// The language comes from `--lang`, then the config's `lang`, then the locale; machines'
/// JSON stays English whatever the locale.
#[test]
fn the_locale_the_config_and_the_flag_choose_the_language() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    out(
        h,
        &["plan", "new", "--template", "awareness", "--name", "a"],
    );
    let report = |lang: &str, args: &[&str]| {
        let o = engage(h)
            .env("LANG", lang)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(o).unwrap()
    };
    let md = ["report", "--plan", "a"];
    assert!(report("id_ID.UTF-8", &md).contains("KPI tercapai"));
    assert!(report("en_US.UTF-8", &md).contains("KPIs met"));
    let mut en_flag = vec!["--lang", "en"];
    en_flag.extend(md);
    assert!(report("id_ID.UTF-8", &en_flag).contains("KPIs met"));
    let json = ["report", "--plan", "a", "--format", "json"];
    assert_eq!(report("id_ID.UTF-8", &json), report("C", &json));
    // The config's language outranks the locale.
    std::fs::create_dir_all(h.join("config")).unwrap();
    std::fs::write(h.join("config/config.toml"), "lang = \"en\"\n").unwrap();
    assert!(report("id_ID.UTF-8", &md).contains("KPIs met"));
}

/// In Indonesian the target prompt still offers the target in the syntax it reads.
#[test]
fn the_target_prompt_reads_what_it_offers_in_indonesian() {
    use crate::tui_kit::{ch, open_app, press};
    use crossterm::event::KeyCode;
    use engage::i18n::{Lang, with_lang};
    with_lang(Lang::Id, || {
        let home = tempfile::tempdir().unwrap();
        let mut app = open_app(home.path(), &[], home.path());
        ch(&mut app, '2');
        press(&mut app, KeyCode::Enter);
        ch(&mut app, 'y');
        ch(&mut app, '3');
        // The first KPI of the template has a relative target.
        press(&mut app, KeyCode::Home);
        press(&mut app, KeyCode::Down);
        ch(&mut app, 't');
        let Some(engage::tui::app::Overlay::Prompt(p)) = &app.ui.overlay else {
            panic!("the target prompt");
        };
        let offered = p.input.text.clone();
        let engage::tui::app::PromptKind::Target(id) = p.kind else {
            panic!("a target prompt");
        };
        let m = engage::measure::metric(id).unwrap();
        assert!(!offered.is_empty(), "the template's target is offered");
        assert!(
            engage::measure::plan::parse_target(&offered, m).is_ok(),
            "{offered}"
        );
        press(&mut app, KeyCode::Enter);
        assert!(
            app.ui.overlay.is_none(),
            "the offered target is accepted: {offered}"
        );
    });
}

/// A config `lang` engage does not speak is refused with its place; a good one is read.
#[test]
fn a_config_language_is_checked() {
    let err = engage::tui::config::parse("theme = \"dark\"\nlang = \"fr\"\n", "config.toml")
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("config.toml:2:8: unknown language `fr` (expected en or id)"),
        "{err}"
    );
    let ok = engage::tui::config::parse("lang = \"id\"\n", "config.toml").unwrap();
    assert_eq!(ok.lang, Some(engage::i18n::Lang::Id));
}

/// Errors read in the language shown too: a target typed wrong, an unknown plan, a bad
/// config; in English they are what they were.
#[test]
fn errors_read_in_indonesian() {
    use engage::i18n::{Lang, with_lang};
    let m = engage::measure::metric("er_reach").unwrap();
    let typed = |lang| {
        with_lang(lang, || {
            engage::measure::plan::parse_target(">= lots", m)
                .unwrap_err()
                .to_string()
        })
    };
    assert!(
        typed(Lang::Id).contains("bukan angka"),
        "{}",
        typed(Lang::Id)
    );
    assert!(
        typed(Lang::En).contains("is not a number"),
        "{}",
        typed(Lang::En)
    );
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    engage(h)
        .args(["--lang", "id", "report", "--plan", "nope"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "tidak ada rencana bernama `nope`",
        ));
    std::fs::create_dir_all(h.join("config")).unwrap();
    std::fs::write(h.join("config/config.toml"), "theme = \"purple\"\n").unwrap();
    // The app refuses a bad config before it takes the terminal, in the language shown.
    let refused = with_lang(Lang::Id, || {
        engage::tui::prepare(&engage::tui::Options {
            paths: Vec::new(),
            fresh: true,
            home: Some(h.to_path_buf()),
            import: Default::default(),
        })
        .err()
        .map(|e| e.to_string())
    });
    let refused = refused.expect("a bad theme is refused");
    assert!(refused.contains("tema `purple` tidak dikenal"), "{refused}");
}

//! The SQL of `assets/sql/` in DuckDB (issue #13): a generated raw warehouse table of posts
//! (pipeline column names, several collections per post) goes through the queries, out as
//! Parquet snapshot tables, and engage's report on them must equal its report on the same
//! data written directly as a snapshot (tests/duckdb/warehouse.py does the Python part);
//! the same tables written with ZSTD, GZIP, LZ4 and no compression read the same, and a
//! Brotli table is refused with a message naming the codec.
//!
//! Needs Python with the `duckdb` package. Without it the test says SKIPPED and passes,
//! unless `ENGAGE_DUCKDB=1` (set by CI, which installs the package) requires it.

use std::path::Path;
use std::process::Command as Process;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn duckdb_available() -> bool {
    Process::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success())
}

fn report(home: &Path, args: &[&str], path: &Path) -> String {
    let out = crate::common::engage_bin()
        .env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(home)
        .args(args)
        .arg(path)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .replace(&path.display().to_string(), "SOURCE")
}

#[test]
fn the_warehouse_sql_in_duckdb_gives_the_report_of_the_data_imported_directly() {
    if !duckdb_available() {
        assert!(
            std::env::var("ENGAGE_DUCKDB").as_deref() != Ok("1"),
            "ENGAGE_DUCKDB=1 but Python's duckdb package is missing (pip install duckdb)"
        );
        eprintln!("SKIPPED: Python's duckdb package is missing (pip install duckdb)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let status = Process::new("python3")
        .arg(Path::new(ROOT).join("tests/duckdb/warehouse.py"))
        .arg(Path::new(ROOT).join("assets/sql"))
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "warehouse.py failed");
    let tables = dir.path().join("tables");
    let direct = dir.path().join("direct.json");
    let home = dir.path().join("home");
    let commands: [&[&str]; 4] = [
        &["summary"],
        &[
            "report",
            "--format",
            "md",
            "--metric",
            "er_reach",
            "--metric",
            "reach_rate",
            "--metric",
            "follower_growth_rate",
        ],
        &["explore", "breakdown", "--by", "account,format"],
        &["export", "posts"],
    ];
    for args in commands {
        let want = report(&home, args, &direct);
        let got = report(&home, args, &tables);
        assert!(
            want.contains("3,000 posts") || args[0] != "summary",
            "{want}"
        );
        assert_eq!(got, want, "{args:?}");
        // The same tables in the other codecs warehouses write.
        for codec in ["zstd", "gzip", "lz4", "uncompressed"] {
            let folder = dir.path().join(format!("codec-{codec}"));
            assert_eq!(report(&home, args, &folder), want, "{codec}: {args:?}");
        }
    }
    // Brotli is not read: the folder is refused, naming the codec and what to write instead.
    let out = crate::common::engage_bin()
        .env_remove("ENGAGE_HOME")
        .arg("--home")
        .arg(&home)
        .arg("summary")
        .arg(dir.path().join("codec-brotli"))
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("posts.parquet: error: the table is compressed with BROTLI")
            && err.contains("ZSTD"),
        "{err}"
    );
}

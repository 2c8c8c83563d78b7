//! The importer on arbitrary bytes: it may refuse them, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = nianbao::import::import_bytes(data) {
        // Whatever it produced must be a report the rest of the program takes.
        let _ = nianbao::check::check(&imported.report, None);
        let _ = nianbao::export::html::write_html(&imported.report, false);
        let json = nianbao::file::to_json(&imported.report);
        assert!(nianbao::file::parse(&json).is_ok(), "import wrote a file load refuses");
    }
});

//! The report loader on arbitrary text: a Chinese error or a report, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(report) = nianbao::file::parse(text)
    {
        let _ = nianbao::check::check(&report, None);
        let _ = nianbao::export::html::write_html(&report, true);
    }
});

//! Reports made in the styles of real published ones (a city government's, a development
//! zone's, a county bureau's, a government office's): text as copied from their PDFs (spaces
//! around numbers, full-width digits), no 成文日期 on most, and a few true slips. None may
//! have an error; every warning must be one a reviewing office would agree with.

use nianbao::check::{self, Severity};
use nianbao::file;

/// (file, the warnings expected as (rule, a phrase of the message))
const REPORTS: &[(&str, &[(&str, &str)])] = &[
    (
        "city-government-2023",
        &[
            ("completeness", "未填写成文日期"),
            ("numbering", "“三是”之后是“三是”"),
        ],
    ),
    (
        "zone-administration-2022",
        &[
            ("completeness", "未填写成文日期"),
            ("numbering", "“（二）”之后是“（四）”"),
        ],
    ),
    (
        "county-department-2024",
        &[("prose", "现行有效行政规范性文件312件")],
    ),
    (
        "city-office-2021",
        &[("completeness", "未填写成文日期"), ("prose", "办结50件")],
    ),
    // Written after the rules were done and checked once, unchanged: held out.
    (
        "district-government-2024",
        &[
            ("completeness", "未填写成文日期"),
            ("prose", "现行有效的区政府规范性文件共计120件"),
        ],
    ),
    (
        "city-bureau-2023",
        &[("completeness", "未填写成文日期"), ("prose", "办结15件")],
    ),
];

#[test]
fn real_style_reports_have_no_false_error_and_only_true_warnings() {
    for &(name, expected) in REPORTS {
        let path = format!("tests/real-style/{name}.json");
        let report = file::load(std::path::Path::new(&path)).expect("loads");
        let findings = check::check(&report, None);
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let got: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.message.as_str()))
            .collect();
        assert_eq!(got.len(), expected.len(), "{name}: {got:#?}");
        for (rule, phrase) in expected {
            assert!(
                got.iter().any(|(r, m)| r == rule && m.contains(phrase)),
                "{name}: no {rule} “{phrase}” in {got:#?}"
            );
        }
    }
}

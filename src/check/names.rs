//! The Chinese name of each rule, as a clerk knows it: the app's findings and the command
//! line's text output both show it (the JSON output keeps the stable rule id).

/// The Chinese name of a rule id (`R-id` → 算术关系（勾稽关系）); an unknown id is shown as
/// 其他检查.
pub fn rule_name(rule: &str) -> &'static str {
    match rule {
        "R-row" => "算术关系（行总计）",
        "R-sub" => "算术关系（列总计）",
        "R-id" => "算术关系（勾稽关系）",
        "T4" => "算术关系（表四总计）",
        "value" => "数值",
        "completeness" => "表内完整",
        "prose" => "文字与表格",
        "cross-year" => "跨年",
        "supervision" => "监督保障",
        "timeliness" => "按时发布",
        "boilerplate" => "内容雷同",
        "fees" => "信息处理费",
        "template" => "模板残留",
        "valid-docs" => "现行有效件数",
        "numbering" => "标题序号",
        "not-read" => "导入未读出",
        "sum-blank" => "汇总未填",
        "sum-not-read" => "汇总未读出",
        "audit-year" => "审核年度",
        "audit-identity" => "机关与年度",
        "audit-duplicate" => "重复报送",
        "audit-unreadable" => "无法读取",
        "audit-old-format" => "旧格式",
        "import-uncertain" => "导入未确定",
        _ => "其他检查",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_the_checks_use_has_a_name() {
        // A report that breaks many rules at once: every id it yields is named.
        let mut r = crate::model::Report::new("XX局", 2024);
        r.details.publish_date = crate::model::Date::new(2026, 6, 1);
        for f in crate::check::check(&r, Some(&crate::model::Report::new("另一局", 2020))) {
            assert_ne!(rule_name(f.rule), "其他检查", "{}", f.rule);
        }
    }
}

//! nianbao (年报): write, check and print a 政府信息公开工作年度报告.
pub mod typeset;

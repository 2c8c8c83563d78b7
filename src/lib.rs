//! nianbao (年报): write, check and print a 政府信息公开工作年度报告 in the format of
//! 国办公开办函〔2021〕30号.
//!
//! Data flows one way: a report file is loaded ([`file`]) into the plain model ([`model`]);
//! the official format is declared once ([`format`]) and read by the checks ([`check`])
//! and by the typesetter ([`typeset`]), which lays the report out once into a display list.
//! The writers ([`export`]: the PDF, the web copy) stand side by side on their own floor,
//! behind one pipeline (check once → lay out → write) that the command line ([`cli`]) and
//! the window ([`app`]) both call. The window is a thin view over all of these.

pub mod agency;
pub mod app;
pub mod audit;
pub mod check;
pub mod cli;
pub mod export;
pub mod file;
pub mod format;
pub mod import;
pub mod model;
pub mod next_year;
pub mod sentence;
pub mod typeset;

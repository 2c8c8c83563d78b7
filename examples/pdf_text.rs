//! Prints the text `nianbao import` reads from a PDF (in layout, as `pdftotext -layout`
//! prints it), to see what the importer sees: `cargo run --example pdf_text -- FILE.pdf`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法：pdf_text 文件.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("无法读取 {path}：{e}");
            std::process::exit(2);
        }
    };
    match nianbao::import::pdf_text(&bytes) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}：{e}");
            std::process::exit(1);
        }
    }
}

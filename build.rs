//! Gives the Windows executable its icon and version block (`assets/windows/nianbao.rc`), so
//! Explorer, the taskbar and report files associated with it show the 年报 icon. Nothing is
//! done for any other target. Needs only mingw's `windres` (set `WINDRES` to name another),
//! which the cross build's linker package already brings; no crate.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/windows/nianbao.rc");
    println!("cargo:rerun-if-changed=assets/windows/nianbao.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os != "windows" || target_env != "gnu" {
        return;
    }
    let windres = env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".to_owned()
        } else {
            "x86_64-w64-mingw32-windres".to_owned()
        }
    });
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let object = out.join("nianbao-resources.o");
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut parts: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(4, 0);
    let comma = format!("{},{},{},{}", parts[0], parts[1], parts[2], parts[3]);
    let status = Command::new(&windres)
        .args(["--codepage=65001", "-O", "coff", "-I", "assets/windows"])
        .arg(format!("-DNIANBAO_VERSION_COMMA={comma}"))
        .arg(format!("-DNIANBAO_VERSION_STR=\\\"{version}\\\""))
        .arg("assets/windows/nianbao.rc")
        .arg("-o")
        .arg(&object)
        .status();
    match status {
        Ok(s) if s.success() => {
            // An object given to the linker directly is always kept (an archive member with
            // nothing referenced would be dropped).
            println!("cargo:rustc-link-arg-bins={}", object.display());
        }
        Ok(s) => panic!("{windres} failed ({s}) on assets/windows/nianbao.rc"),
        Err(e) => panic!("cannot run {windres} (mingw-w64 binutils) for the icon: {e}"),
    }
}

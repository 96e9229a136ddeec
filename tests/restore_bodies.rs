//! Names of bodies and titles (issue 14 point 3): a run of words starting with a capital whose
//! every syllable may read as a name of `dictionaries/bodies.txt` is steered to that name.

use sohoa_core::restore::Restorer;

#[test]
fn a_run_that_may_read_as_a_name_is_steered_to_it() {
    // A made-up name, so that the language model alone does not choose it.
    let plain = Restorer::embedded().with_bodies("");
    let named = Restorer::embedded().with_bodies("# test\nBan Tơ Lụa\n");
    let text = "Giao Ban To Lua chu tri thuc hien ke hoach nay.";
    let out = named.restore_str(text);
    assert!(out.contains("Ban Tơ Lụa chủ trì"), "{out}");
    let out = plain.restore_str(text);
    assert!(!out.contains("Tơ Lụa"), "{out}");
    // A name starts with a capital: a lowercase run is not one.
    let out = named.restore_str("giao ban to lua chu tri thuc hien ke hoach nay.");
    assert!(!out.contains("tơ lụa"), "{out}");
}

#[test]
fn the_committed_names_hold_bodies_of_the_state() {
    let r = Restorer::embedded();
    // Issue 14's examples of names of bodies, in the committed table.
    let table = include_str!("../dictionaries/bodies.txt");
    for name in [
        "Sở Nội vụ",
        "Sở Thông tin và Truyền thông",
        "Ban Thi đua",
        "Hội đồng nhân dân",
    ] {
        assert!(table.lines().any(|l| l == name), "{name}");
    }
    // Old OCR of a name with its marks lost or turned to digits reads as the name.
    let out = r.restore_str(
        "Thuc hi¢n K& hoach s6 12/KH-UBND cua Uy ban nhan dan tinh, S6 N6i vu chu tri, phoi \
         hop voi S& Thong tin va Truyen thong va cac co quan, don vi lien quan to chirc thuc \
         hien.\n",
    );
    assert!(out.contains("Sở Nội vụ chủ trì"), "{out}");
    assert!(out.contains("Sở Thông tin và Truyền thông"), "{out}");
}

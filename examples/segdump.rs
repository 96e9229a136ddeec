fn main() {
    let p = std::env::args().nth(1).unwrap();
    let raw = std::fs::read_to_string(&p).unwrap();
    let t = sohoa::eval::segment::document_text(&raw);
    let s = sohoa::segment::segment(t);
    println!("{}", serde_json::to_string_pretty(&s.header).unwrap());
    println!("{}", serde_json::to_string(&s.campaign).unwrap());
    for b in &s.legal_bases { println!("B {:?} | {:?} | {:?} | {:?} || {}", b.doc_type, b.number, b.date, b.issuer, b.text); }
    for x in &s.sections { println!("S {:?} {:?} {:?}", x.number, x.kinds, &x.heading.chars().take(60).collect::<String>()); }
    println!("{:?}", s.signer);
}

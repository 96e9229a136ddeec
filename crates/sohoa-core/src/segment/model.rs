//! The segmentation output types: the field names are part of the record's JSON contract.

use serde::{Deserialize, Serialize};

/// The document header (Decree 30/2020/NĐ-CP, art. 8, parts 1-5).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Header {
    /// Issuing body, e.g. "Ủy ban nhân dân tỉnh Thái Bình".
    pub issuer: Option<String>,
    /// The parent body's line above the issuer, when present.
    pub issuer_parent: Option<String>,
    /// Number and symbol, e.g. "161/KH-UBND" (a blank number is kept: "/HD-STTTT").
    pub number: Option<String>,
    /// Type code from the symbol, e.g. "KH".
    pub type_code: Option<String>,
    /// Issuer code from the symbol, e.g. "UBND".
    pub issuer_code: Option<String>,
    /// Full type name, e.g. "Kế hoạch".
    pub doc_type: Option<String>,
    /// Place of issue.
    pub place: Option<String>,
    /// Date of issue, ISO 8601.
    pub date: Option<String>,
    /// Subject lines joined.
    pub title: Option<String>,
    /// Whether the national name and motto were found.
    pub motto: bool,
}

/// One legal basis ("Căn cứ ...", "Thực hiện ...").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LegalBasis {
    /// The reference as written.
    pub text: String,
    /// Kind of document cited, e.g. "Nghị quyết".
    pub doc_type: Option<String>,
    /// Number and symbol, e.g. "02-NQ/TU".
    pub number: Option<String>,
    /// Date, ISO 8601.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
}

/// One numbered section of the body, with its children.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Section {
    /// Its number as written: "I", "1", "1.1", "2.2.1", "a", "đ", "-", "+".
    pub number: String,
    /// Heading text (without the number).
    pub heading: String,
    /// Kinds from the vocabulary (purpose, goals, criteria, award_forms, ...; `other` if none).
    pub kinds: Vec<String>,
    /// Body text of the section itself (children excluded).
    pub text: String,
    /// 1-based first line in the restored text.
    pub line_start: usize,
    /// 1-based last line, inclusive (children included).
    pub line_end: usize,
    /// Sub-sections.
    pub children: Vec<Section>,
    /// Whether the heading was cut from its text at a colon ("Tập thể: Tập thể luôn ..."), so
    /// the line reads back as "heading: text" rather than "heading text". Not serialised.
    #[serde(skip)]
    #[schemars(skip)]
    pub heading_colon: bool,
}

/// A campaign period in years.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Period {
    /// First year.
    pub start: Option<i32>,
    /// Last year.
    pub end: Option<i32>,
}

/// The emulation campaign the plan launches.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Campaign {
    /// The quoted campaign title, e.g. "Chuyển đổi số".
    pub name: Option<String>,
    /// Period in years.
    pub period: Period,
    /// The area, e.g. "tỉnh Thái Bình".
    pub scope: Option<String>,
    /// Theme, where stated.
    pub theme: Option<String>,
}

/// An award form named in the plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AwardForm {
    /// As written.
    pub text: String,
    /// Normalised name, e.g. "Bằng khen".
    pub form: String,
    /// huan_chuong, huy_chuong, danh_hieu_vinh_du, giai_thuong, bang_khen, giay_khen,
    /// danh_hieu_thi_dua or ky_niem_chuong.
    pub category: String,
    /// Class, e.g. "hạng Ba".
    pub class: Option<String>,
    /// Who confers it, e.g. "Chủ tịch UBND tỉnh".
    pub authority: Option<String>,
}

/// A cap or target on how many may be commended.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quota {
    /// As written.
    pub text: String,
    /// The number.
    pub count: u32,
    /// min, max or exact.
    pub bound: String,
    /// tap_the, ca_nhan, doanh_nghiep or tap_the_ca_nhan.
    pub who: Option<String>,
    /// The award it counts, when stated.
    pub award: Option<String>,
    /// hang_nam, so_ket or tong_ket.
    pub occasion: Option<String>,
}

/// A measurable target.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Goal {
    /// As written.
    pub text: String,
    /// The value.
    pub value: Option<f64>,
    /// "%" or a counted unit.
    pub unit: Option<String>,
    /// Target year.
    pub year: Option<i32>,
}

/// A criterion for commendation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Criterion {
    /// As written.
    pub text: String,
    /// Who it applies to: "tập thể", "cá nhân", "doanh nghiệp", ...
    pub applies_to: Vec<String>,
}

/// A milestone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Milestone {
    /// As written.
    pub text: String,
    /// Year.
    pub year: Option<i32>,
    /// Quarter 1-4.
    pub quarter: Option<u8>,
    /// Date, ISO 8601 or "--MM-DD" when the year is implied.
    pub date: Option<String>,
}

/// The signature block.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Signer {
    /// "TM.", "KT.", "TL.", "TUQ." or "Q.".
    pub authority: Option<String>,
    /// Title, e.g. "Chủ tịch".
    pub title: Option<String>,
    /// Name.
    pub name: Option<String>,
}

/// Everything segmentation extracts from one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Segmented {
    /// Header.
    pub header: Header,
    /// Campaign.
    pub campaign: Campaign,
    /// Legal bases.
    pub legal_bases: Vec<LegalBasis>,
    /// Section tree covering the body.
    pub sections: Vec<Section>,
    /// Targets.
    pub goals: Vec<Goal>,
    /// Criteria.
    pub criteria: Vec<Criterion>,
    /// Award forms.
    pub award_forms: Vec<AwardForm>,
    /// Quotas.
    pub quotas: Vec<Quota>,
    /// Milestones.
    pub timeline: Vec<Milestone>,
    /// Signature block.
    pub signer: Option<Signer>,
    /// Recipients, one per "- ..." line.
    pub recipients: Vec<String>,
}

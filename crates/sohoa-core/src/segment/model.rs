//! The segmentation output types: the field names are part of the record's JSON contract.

use serde::{Deserialize, Serialize};

/// What a section is about: the record's vocabulary for headings (`docs/domain.md`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Căn cứ: a part listing the legal bases ("I. CĂN CỨ PHÁP LÝ ...").
    LegalBases,
    /// Mục đích.
    Purpose,
    /// Yêu cầu.
    Requirements,
    /// Chủ đề thi đua.
    Theme,
    /// Phạm vi.
    Scope,
    /// Đối tượng.
    Subjects,
    /// Nội dung.
    Content,
    /// Mục tiêu, chỉ tiêu thi đua.
    Goals,
    /// Tiêu chí, tiêu chuẩn.
    Criteria,
    /// Hình thức khen thưởng.
    AwardForms,
    /// Số lượng, cơ cấu, chỉ tiêu khen thưởng.
    Quotas,
    /// Giải pháp.
    Solutions,
    /// Tiến độ, thời gian.
    Timeline,
    /// Tổ chức thực hiện.
    Organization,
    /// None of the above.
    Other,
}

impl SectionKind {
    /// The key as serialised ("award_forms").
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::LegalBases => "legal_bases",
            SectionKind::Purpose => "purpose",
            SectionKind::Requirements => "requirements",
            SectionKind::Theme => "theme",
            SectionKind::Scope => "scope",
            SectionKind::Subjects => "subjects",
            SectionKind::Content => "content",
            SectionKind::Goals => "goals",
            SectionKind::Criteria => "criteria",
            SectionKind::AwardForms => "award_forms",
            SectionKind::Quotas => "quotas",
            SectionKind::Solutions => "solutions",
            SectionKind::Timeline => "timeline",
            SectionKind::Organization => "organization",
            SectionKind::Other => "other",
        }
    }
}

/// The kind of award (Law 06/2022/QH15 on emulation and commendation, chapter III).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AwardCategory {
    /// Huân chương (order).
    HuanChuong,
    /// Huy chương (medal).
    HuyChuong,
    /// State honorary title.
    DanhHieuVinhDu,
    /// Prize.
    GiaiThuong,
    /// Bằng khen (certificate of merit).
    BangKhen,
    /// Giấy khen (certificate of commendation).
    GiayKhen,
    /// Emulation title.
    DanhHieuThiDua,
    /// Kỷ niệm chương.
    KyNiemChuong,
}

impl AwardCategory {
    /// The key as serialised ("bang_khen").
    pub fn as_str(self) -> &'static str {
        match self {
            AwardCategory::HuanChuong => "huan_chuong",
            AwardCategory::HuyChuong => "huy_chuong",
            AwardCategory::DanhHieuVinhDu => "danh_hieu_vinh_du",
            AwardCategory::GiaiThuong => "giai_thuong",
            AwardCategory::BangKhen => "bang_khen",
            AwardCategory::GiayKhen => "giay_khen",
            AwardCategory::DanhHieuThiDua => "danh_hieu_thi_dua",
            AwardCategory::KyNiemChuong => "ky_niem_chuong",
        }
    }
}

/// Whether a quota is a floor, a cap or an exact count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuotaBound {
    /// "ít nhất", "tối thiểu".
    Min,
    /// "không quá", "tối đa".
    Max,
    /// "đúng", "chỉ".
    Exact,
}

impl QuotaBound {
    /// The key as serialised ("max").
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaBound::Min => "min",
            QuotaBound::Max => "max",
            QuotaBound::Exact => "exact",
        }
    }
}

/// Who a quota counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuotaWho {
    /// Collectives (tập thể).
    TapThe,
    /// Individuals (cá nhân).
    CaNhan,
    /// Enterprises (doanh nghiệp).
    DoanhNghiep,
    /// Collectives and individuals together.
    TapTheCaNhan,
}

impl QuotaWho {
    /// The key as serialised ("tap_the").
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaWho::TapThe => "tap_the",
            QuotaWho::CaNhan => "ca_nhan",
            QuotaWho::DoanhNghiep => "doanh_nghiep",
            QuotaWho::TapTheCaNhan => "tap_the_ca_nhan",
        }
    }
}

/// When a quota applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// Every year (hằng năm).
    HangNam,
    /// The mid-term review (sơ kết).
    SoKet,
    /// The final review (tổng kết).
    TongKet,
}

impl Occasion {
    /// The key as serialised ("tong_ket").
    pub fn as_str(self) -> &'static str {
        match self {
            Occasion::HangNam => "hang_nam",
            Occasion::SoKet => "so_ket",
            Occasion::TongKet => "tong_ket",
        }
    }
}

/// How the signer signs (Decree 30/2020/NĐ-CP, appendix I, part II.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum SignerAuthority {
    /// "TM." on behalf of a collective body.
    #[serde(rename = "TM.")]
    Tm,
    /// "KT." a deputy signing for the head.
    #[serde(rename = "KT.")]
    Kt,
    /// "TL." signing by order of the head.
    #[serde(rename = "TL.")]
    Tl,
    /// "TUQ." signing by authorisation.
    #[serde(rename = "TUQ.")]
    Tuq,
    /// "Q." acting head.
    #[serde(rename = "Q.")]
    Q,
}

impl SignerAuthority {
    /// The prefix as written, without its dot ("KT"), to the variant.
    pub fn from_prefix(prefix: &str) -> Option<Self> {
        match prefix {
            "TM" => Some(SignerAuthority::Tm),
            "KT" => Some(SignerAuthority::Kt),
            "TL" => Some(SignerAuthority::Tl),
            "TUQ" => Some(SignerAuthority::Tuq),
            "Q" => Some(SignerAuthority::Q),
            _ => None,
        }
    }

    /// The prefix as serialised ("KT.").
    pub fn as_str(self) -> &'static str {
        match self {
            SignerAuthority::Tm => "TM.",
            SignerAuthority::Kt => "KT.",
            SignerAuthority::Tl => "TL.",
            SignerAuthority::Tuq => "TUQ.",
            SignerAuthority::Q => "Q.",
        }
    }
}

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
    /// Full type name, e.g. "Kế hoạch"; "Công văn" for an official letter.
    pub doc_type: Option<String>,
    /// The kind of document, as a stable key ("ke_hoach", "quyet_dinh", "cong_van", ...).
    #[serde(default)]
    pub kind: Option<DocKind>,
    /// Place of issue.
    pub place: Option<String>,
    /// Date of issue, ISO 8601.
    pub date: Option<String>,
    /// Subject lines joined.
    pub title: Option<String>,
    /// Whether the national name and motto were found.
    pub motto: bool,
    /// Whether a document header was found at all: an issuing body, a number and symbol or a
    /// document kind (Decree 30/2020/NĐ-CP, art. 8, parts 2, 3 and 5; the national motto alone
    /// is not enough, since running text may quote the national name).
    /// False for inputs that are not administrative documents (a checksum list, METS XML).
    #[serde(default)]
    pub found: bool,
    /// Where each field was read on the scan (null for text input or a field not found; the
    /// type and issuer codes come with `number`, `kind` with `doc_type`).
    #[serde(default)]
    pub origins: HeaderOrigins,
}

/// Where a part of the record was read: its page and the box around its words there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    /// 1-based page.
    pub page: usize,
    /// The box around the part's words on that page, in the scan's pixels.
    pub bbox: crate::text::BBox,
}

/// The page and box of each header field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HeaderOrigins {
    /// Of `issuer`.
    pub issuer: Option<Origin>,
    /// Of `issuer_parent`.
    pub issuer_parent: Option<Origin>,
    /// Of `number`.
    pub number: Option<Origin>,
    /// Of `doc_type` (the type line).
    pub doc_type: Option<Origin>,
    /// Of `place`.
    pub place: Option<Origin>,
    /// Of `date`.
    pub date: Option<Origin>,
    /// Of `title`.
    pub title: Option<Origin>,
}

/// The kinds of document of Decree 30/2020/NĐ-CP (appendix III), the Party's "Kết luận" and
/// the legal normative documents they cite (Law 80/2015/QH13 on legal normative documents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Nghị quyết.
    NghiQuyet,
    /// Quyết định.
    QuyetDinh,
    /// Chỉ thị.
    ChiThi,
    /// Quy chế.
    QuyChe,
    /// Quy định.
    QuyDinh,
    /// Thông cáo.
    ThongCao,
    /// Thông báo.
    ThongBao,
    /// Hướng dẫn.
    HuongDan,
    /// Chương trình.
    ChuongTrinh,
    /// Kế hoạch.
    KeHoach,
    /// Phương án.
    PhuongAn,
    /// Đề án.
    DeAn,
    /// Dự án.
    DuAn,
    /// Báo cáo.
    BaoCao,
    /// Biên bản.
    BienBan,
    /// Tờ trình.
    ToTrinh,
    /// Hợp đồng.
    HopDong,
    /// Công văn (official letter: no type code, a "V/v" subject).
    CongVan,
    /// Công điện.
    CongDien,
    /// Bản ghi nhớ.
    BanGhiNho,
    /// Bản thỏa thuận.
    BanThoaThuan,
    /// Giấy ủy quyền.
    GiayUyQuyen,
    /// Giấy mời.
    GiayMoi,
    /// Giấy giới thiệu.
    GiayGioiThieu,
    /// Giấy nghỉ phép.
    GiayNghiPhep,
    /// Phiếu gửi.
    PhieuGui,
    /// Phiếu chuyển.
    PhieuChuyen,
    /// Phiếu báo.
    PhieuBao,
    /// Kết luận (Party).
    KetLuan,
    /// Hiến pháp.
    HienPhap,
    /// Bộ luật.
    BoLuat,
    /// Luật.
    Luat,
    /// Pháp lệnh.
    PhapLenh,
    /// Nghị định.
    NghiDinh,
    /// Thông tư.
    ThongTu,
    /// Thông tư liên tịch.
    ThongTuLienTich,
}

impl DocKind {
    /// The key as serialised ("ke_hoach").
    pub fn as_str(self) -> &'static str {
        super::doctypes::key(self)
    }
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
    pub kinds: Vec<SectionKind>,
    /// Body text of the section itself (children excluded).
    pub text: String,
    /// 1-based first line in the restored text.
    pub line_start: usize,
    /// 1-based last line, inclusive (children included).
    pub line_end: usize,
    /// Sub-sections.
    pub children: Vec<Section>,
    /// Where the section's heading line was read on the scan (null for text input).
    #[serde(default)]
    pub origin: Option<Origin>,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AwardForm {
    /// As written.
    pub text: String,
    /// Normalised name, e.g. "Bằng khen".
    pub form: String,
    /// huan_chuong, huy_chuong, danh_hieu_vinh_du, giai_thuong, bang_khen, giay_khen,
    /// danh_hieu_thi_dua or ky_niem_chuong.
    pub category: AwardCategory,
    /// Class, e.g. "hạng Ba".
    pub class: Option<String>,
    /// Who confers it, e.g. "Chủ tịch UBND tỉnh".
    pub authority: Option<String>,
}

/// A cap or target on how many may be commended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quota {
    /// As written.
    pub text: String,
    /// The number.
    pub count: u32,
    /// min, max or exact.
    pub bound: QuotaBound,
    /// tap_the, ca_nhan, doanh_nghiep or tap_the_ca_nhan.
    pub who: Option<QuotaWho>,
    /// The award it counts, when stated.
    pub award: Option<String>,
    /// hang_nam, so_ket or tong_ket.
    pub occasion: Option<Occasion>,
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
    pub authority: Option<SignerAuthority>,
    /// The signer's own title, e.g. "Phó Giám đốc" under "KT. GIÁM ĐỐC" (the line above it is
    /// the head the deputy signs for), "Chủ tịch".
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

//! The one emitter of documented enums: every enum of the generated code (codes, categories,
//! each kind of fact) comes out of [`emit_enum`] with the same derives, `as_str`, phf maps and
//! parsing impls.

use super::fields::Field;
use super::output::{Output, Val};
use crate::text::variant_name;

/// What the unknown-name error says when no name is close (`crate::error::Advice` at run time).
pub enum Advice {
    /// A sentence shown when there is no suggestion.
    Otherwise(String),
    /// "the {plural} are `a`, `b`", shown always.
    ListAll(&'static str),
}

/// One enum to emit.
pub struct EnumSpec {
    /// The Rust name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: String,
    /// The doc comment of its `as_str`.
    pub as_str_doc: &'static str,
    /// Per variant: the stable identifier and the doc comment.
    pub variants: Vec<(String, String)>,
    /// The exact map: `(visibility, static name)`.
    pub exact_map: (&'static str, String),
    /// The case-folded map's name, for the enums looked up ignoring case.
    pub folded_map: Option<String>,
    /// For error messages: what a name of this kind is (`registry setting`).
    pub kind: &'static str,
    /// For error messages: "is not {what}".
    pub what: String,
    /// For error messages: what to do.
    pub advice: Advice,
    /// The info table indexed by the enum: `(type, static)`.
    pub info: (&'static str, &'static str),
    /// The fields of the info type, each with its getter.
    pub fields: &'static [Field],
}

const DERIVES: &str = "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n\
                       #[derive(strum::Display, strum::IntoStaticStr, strum::EnumIter)]\n\
                       #[derive(strum::EnumCount)]";

/// The enum, `as_str`, `all`, the phf maps, and `Name`, `FromStr`, `TryFrom<&str>`, `AsRef<str>`.
pub fn emit_enum(out: &mut Output, spec: &EnumSpec) {
    let name = spec.name;
    out.doc(&spec.doc);
    out.line(DERIVES);
    out.line("#[non_exhaustive]");
    out.block(format!("pub enum {name} {{"), "}", |out| {
        for (id, doc) in &spec.variants {
            out.doc(doc);
            out.line(format!("#[strum(serialize = {id:?})]"));
            out.line(format!("{},", variant_name(id)));
        }
    });
    out.blank();
    out.block(format!("impl {name} {{"), "}", |out| {
        out.doc(spec.as_str_doc);
        out.line("#[must_use]");
        out.block("pub const fn as_str(self) -> &'static str {", "}", |out| {
            out.block("match self {", "}", |out| {
                for (id, _) in &spec.variants {
                    let arm = format!("Self::{} => ", variant_name(id));
                    if out.fits(&format!("{arm}{id:?},")) {
                        out.line(format!("{arm}{id:?},"));
                    } else {
                        out.block(format!("{arm}{{"), "}", |out| out.line(format!("{id:?}")));
                    }
                }
            });
        });
        out.blank();
        emit_getters(out, spec.fields);
        let (info, table) = spec.info;
        out.doc("Everything the data says about this value.");
        out.line("#[inline]");
        out.block(
            format!("pub(crate) fn info(self) -> &'static {info} {{"),
            "}",
            |out| {
                out.line(format!("&{table}[self as usize]"));
            },
        );
        out.blank();
        out.doc("Every variant, in the order of the data.");
        out.block(
            "pub fn all() -> impl ExactSizeIterator<Item = Self> + DoubleEndedIterator + Clone {",
            "}",
            |out| out.line("<Self as strum::IntoEnumIterator>::iter()"),
        );
    });
    out.blank();
    emit_info_struct(out, spec);
    emit_maps(out, spec);
    emit_name_impl(out, spec);
}

/// The info record: one field per [`Field`], in export order, deriving `Serialize`.
fn emit_info_struct(out: &mut Output, spec: &EnumSpec) {
    out.doc(format!(
        "What the data says about one [`{}`], in export order.",
        spec.name
    ));
    out.line("#[cfg_attr(feature = \"serde\", derive(serde::Serialize))]");
    out.block(
        format!("pub(crate) struct {} {{", spec.info.0),
        "}",
        |out| {
            for field in spec.fields {
                if field.getter.is_none() {
                    out.line(
                        "#[allow(dead_code)] // read by the export, or by a hand-written method",
                    );
                }
                if !field.serde.is_empty() {
                    out.line(format!(
                        "#[cfg_attr(feature = \"serde\", serde({}))]",
                        field.serde
                    ));
                }
                out.line(format!("pub(crate) {}: {},", field.name, field.ty));
            }
        },
    );
    out.blank();
}

/// One public getter per field that has one: its doc, `#[must_use]`, `self.info().field`.
fn emit_getters(out: &mut Output, fields: &[Field]) {
    for field in fields {
        let Some((name, doc)) = field.getter else {
            continue;
        };
        out.doc(doc);
        out.line("#[must_use]");
        if field.ty.starts_with('&') || field.ty.starts_with("Option<&") || is_copy(field.ty) {
            out.block(
                format!("pub fn {name}(self) -> {} {{", field.ty),
                "}",
                |out| {
                    out.line(format!("self.info().{}", field.name));
                },
            );
        } else {
            out.block(
                format!("pub fn {name}(self) -> &'static {} {{", field.ty),
                "}",
                |out| {
                    out.line(format!("&self.info().{}", field.name));
                },
            );
        }
        out.blank();
    }
}

/// True for the field types that are `Copy` without being references: the enums, `bool`.
fn is_copy(ty: &str) -> bool {
    ty == "bool" || !ty.contains(['<', '&', '[']) && ty != "Related"
}

fn emit_maps(out: &mut Output, spec: &EnumSpec) {
    let (visibility, exact) = &spec.exact_map;
    let mut map = phf_codegen::Map::new();
    for (id, _) in &spec.variants {
        map.entry(id.as_str(), format!("{}::{}", spec.name, variant_name(id)));
    }
    out.doc(format!(
        "[`{}`] by its exact identifier: a `phf` perfect-hash map.",
        spec.name
    ));
    out.line(format!(
        "{visibility} static {exact}: phf::Map<&'static str, {}> = {};",
        spec.name,
        map.build()
    ));
    out.blank();
    if let Some(folded) = &spec.folded_map {
        let lower: Vec<String> = spec
            .variants
            .iter()
            .map(|(id, _)| id.to_ascii_lowercase())
            .collect();
        let mut map = phf_codegen::Map::new();
        for ((id, _), key) in spec.variants.iter().zip(&lower) {
            map.entry(key.as_str(), format!("{}::{}", spec.name, variant_name(id)));
        }
        out.doc(format!(
            "[`{}`] by its identifier in ASCII lower case.",
            spec.name
        ));
        out.line(format!(
            "pub(crate) static {folded}: phf::Map<&'static str, {}> = {};",
            spec.name,
            map.build()
        ));
        out.blank();
    }
}

fn emit_name_impl(out: &mut Output, spec: &EnumSpec) {
    let name = spec.name;
    let longest = spec
        .variants
        .iter()
        .map(|(id, _)| id.len())
        .max()
        .unwrap_or(0);
    let advice = match &spec.advice {
        Advice::Otherwise(text) => Val::call("crate::error::Advice::Otherwise", Val::str(text)),
        Advice::ListAll(plural) => Val::call("crate::error::Advice::ListAll", Val::str(*plural)),
    };
    out.block(
        format!("impl crate::lookup::Name for {name} {{"),
        "}",
        |out| {
            out.value("const KIND: &'static str = ", &Val::str(spec.kind), ";");
            out.value("const WHAT: &'static str = ", &Val::str(&spec.what), ";");
            out.value("const ADVICE: crate::error::Advice = ", &advice, ";");
            out.line(format!("const LONGEST: usize = {longest};"));
            out.line(format!(
                "const EXACT: &'static phf::Map<&'static str, Self> = &{};",
                spec.exact_map.1
            ));
            out.blank();
            out.block("fn id(self) -> &'static str {", "}", |out| {
                out.line("self.as_str()")
            });
        },
    );
    out.blank();
    out.block(
        format!("impl core::str::FromStr for {name} {{"),
        "}",
        |out| {
            out.line("type Err = crate::Unknown<Self>;");
            out.blank();
            out.doc("Parses the exact identifier (`as_str`).");
            out.block(
                "fn from_str(id: &str) -> Result<Self, Self::Err> {",
                "}",
                |out| {
                    out.line("crate::lookup::parse(id)");
                },
            );
        },
    );
    out.blank();
    out.block(format!("impl TryFrom<&str> for {name} {{"), "}", |out| {
        out.line("type Error = crate::Unknown<Self>;");
        out.blank();
        out.block(
            "fn try_from(id: &str) -> Result<Self, Self::Error> {",
            "}",
            |out| {
                out.line("id.parse()");
            },
        );
    });
    out.blank();
    out.block(format!("impl AsRef<str> for {name} {{"), "}", |out| {
        out.block("fn as_ref(&self) -> &str {", "}", |out| {
            out.line("self.as_str()")
        });
    });
    out.blank();
    emit_serde_impls(out, name);
}

/// `Serialize` as the identifier and `Deserialize` through `FromStr` (feature `serde`).
fn emit_serde_impls(out: &mut Output, name: &str) {
    out.line("#[cfg(feature = \"serde\")]");
    out.block(format!("impl serde::Serialize for {name} {{"), "}", |out| {
        out.doc("The stable identifier, as a string.");
        let signature = "fn serialize<S: serde::Serializer>(&self, serializer: S) \
                         -> Result<S::Ok, S::Error> {";
        out.block(signature, "}", |out| {
            out.line("serializer.serialize_str(self.as_str())")
        });
    });
    out.blank();
    out.line("#[cfg(feature = \"serde\")]");
    out.block(
        format!("impl<'de> serde::Deserialize<'de> for {name} {{"),
        "}",
        |out| {
            out.doc("Reads the identifier, exactly as `FromStr` does.");
            let signature = "fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) \
                         -> Result<Self, D::Error> {";
            out.block(signature, "}", |out| {
                out.line("crate::serde_impls::deserialize_name(deserializer)");
            });
        },
    );
    out.blank();
}

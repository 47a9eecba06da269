//! `Serialize` for unit-only enums through a table of their serialised names (wasm size).
//! `#[derive(Serialize)]` writes one `serialize_unit_variant` call per variant (32 for
//! `ErrorCode`: 1.5 KB of wasm); [`serialize_unit_enum!`] makes it one call with the name
//! looked up, so every serializer sees exactly the same calls as with the derive. The enums
//! keep `#[derive(Deserialize)]` (and its error messages); the tests below check each table
//! against it.

/// Serialises unit variant `index` of the enum `name` as `names[index]`, as the derive
/// does for a `rename_all = "snake_case"` enum whose variant `index` serialises as that name.
pub(crate) fn serialize_unit_variant<S: serde::Serializer>(
    serializer: S,
    name: &'static str,
    index: usize,
    names: &'static [&'static str],
) -> Result<S::Ok, S::Error> {
    // `index` is a discriminant of `name`, and each table has one entry per variant.
    let variant = names.get(index).copied().unwrap_or_default();
    serializer.serialize_unit_variant(name, index as u32, variant)
}

/// Implements `Serialize` for the unit-only enum `$ty` (discriminants in declaration order,
/// from 0) with its variants' serialised names in `$names`.
macro_rules! serialize_unit_enum {
    ($ty:ident, $names:expr) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::serde_table::serialize_unit_variant(
                    serializer,
                    stringify!($ty),
                    *self as usize,
                    &$names,
                )
            }
        }
    };
}
pub(crate) use serialize_unit_enum;

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    /// Every name of `names` deserialises (through the derived `Deserialize`) to the variant
    /// with that index, which serialises back to the same name.
    fn check<T: Serialize + DeserializeOwned>(names: &[&str], index: impl Fn(&T) -> usize) {
        for (i, name) in names.iter().enumerate() {
            let json = format!("\"{name}\"");
            let value: T = serde_json::from_str(&json).expect(name);
            assert_eq!(index(&value), i, "{name}");
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn tables_agree_with_the_derived_names() {
        use crate::model::{EntityType, IdentifierKind, NameKind, SourceList};
        use crate::screen::explain::AdjustmentCode;
        use crate::screen::score::Method;
        use crate::validate::error::ErrorCode;
        check::<ErrorCode>(&crate::validate::error::ERROR_CODE_NAMES, |v| *v as usize);
        check::<Method>(&crate::screen::score::METHOD_NAMES, |v| *v as usize);
        check::<AdjustmentCode>(&crate::screen::explain::ADJUSTMENT_CODE_NAMES, |v| {
            *v as usize
        });
        check::<IdentifierKind>(&crate::model::IDENTIFIER_KIND_NAMES, |v| *v as usize);
        check::<SourceList>(&crate::model::SOURCE_LIST_NAMES, |v| *v as usize);
        check::<EntityType>(&crate::model::ENTITY_TYPE_NAMES, |v| *v as usize);
        check::<NameKind>(&crate::model::NAME_KIND_NAMES, |v| *v as usize);
        // The derive's own serialisation of the same values, for one enum with digits-free
        // multi-word names: the snake_case rule the tables follow.
        assert_eq!(
            crate::validate::error::code_name(ErrorCode::InvalidNumberForCountry),
            "invalid_number_for_country"
        );
    }
}

//! Text folding for message comparison. The one definition lives in the generator crate
//! (`codegen/src/fold.rs`), which folds the message patterns at build time and writes this
//! same source to `OUT_DIR`, so patterns and run-time text agree byte for byte.

include!(concat!(env!("OUT_DIR"), "/fold.rs"));

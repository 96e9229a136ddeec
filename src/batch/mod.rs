//! Batch: many inputs → records in input order, in parallel, with progress and resume.

pub mod manifest;
pub mod merge;
pub mod shard;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::pipeline::Pipeline;
use crate::record::Record;

/// Processes `inputs` in parallel and returns their records in input order.
pub fn process_all(pipeline: &Pipeline, inputs: &[PathBuf]) -> Vec<Record> {
    inputs
        .par_iter()
        .map(|p| pipeline.process_path(p))
        .collect()
}

//! Case-insensitive lookup allocates nothing: it folds the input into a stack buffer and asks
//! the generated lower-case `phf` map. A counting global allocator proves it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use nps_mfa_errors::{ErrorCode, Setting};

/// The system allocator, counting the allocations of the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn case_insensitive_code_lookup_allocates_nothing() {
    let lower: Vec<String> = ErrorCode::all()
        .map(|c| c.as_str().to_ascii_lowercase())
        .collect();
    let upper: Vec<String> = ErrorCode::all()
        .map(|c| c.as_str().to_ascii_uppercase())
        .collect();
    let misses = ["", "x", "ests_token_eror", "Ünïcode", &"A".repeat(200)];
    let mut found = 0;
    let allocations = allocations_of(|| {
        for code in lower.iter().chain(&upper) {
            found += usize::from(ErrorCode::from_code_ignore_case(code).is_some());
        }
        for miss in misses {
            found += usize::from(ErrorCode::from_code_ignore_case(miss).is_some());
        }
    });
    assert_eq!(
        found,
        2 * ErrorCode::all().len(),
        "every code is found in either case"
    );
    assert_eq!(allocations, 0);
}

#[test]
fn exact_and_setting_lookups_allocate_nothing() {
    let codes: Vec<&str> = ErrorCode::all().map(ErrorCode::as_str).collect();
    let settings: Vec<String> = Setting::all()
        .map(|s| s.as_str().to_ascii_lowercase())
        .collect();
    let allocations = allocations_of(|| {
        for code in &codes {
            assert!(ErrorCode::from_code(code).is_some());
        }
        for setting in &settings {
            assert!(Setting::from_name_ignore_case(setting).is_some());
        }
    });
    assert_eq!(allocations, 0);
}

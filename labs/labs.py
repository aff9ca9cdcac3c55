"""The course labs: what `make labs` lists and `make grade LAB=NAME` runs.

Each lab has a name, a title, a handout, and its graded tests: one test case
each, as "host:suite.case" (a case of build/host/ktest-host), "kernel:suite.case"
(a case of an in-kernel suite, booted alone) or "scenario:file.name", with
its points and the function a failure blames.  The lab's solution regions
are marked "LAB <name>" in the sources, and their stubs are in
labs/stubs/<name>.stubs.  docs/labs.md says how to make a new lab.
"""

LABS = [
    {
        "name": "buddy",
        "title": "The buddy allocator",
        "handout": "labs/01-buddy.md",
        "tests": [
            ("host:host_buddy.expand_puts_lower_halves_back", 10, "expand"),
            ("host:host_buddy.split_halves_go_back_on_their_lists", 10, "expand"),
            ("host:host_buddy.split_and_merge_every_order", 15, "rmqueue"),
            ("host:host_buddy.merge_needs_both_buddies", 10, "__free_pages_ok"),
            ("host:host_buddy.no_merge_with_a_buddy_free_at_a_lower_order", 10,
             "page_is_buddy"),
            ("host:host_buddy.alloc_pages_limit_honours_each_watermark", 10,
             "__alloc_pages_limit"),
            ("host:mm_buddy_model.random_sequence_matches_model", 15, "__free_pages_ok"),
            ("kernel:mm_page_alloc.split_leaves_one_block_per_order", 10, "expand"),
            ("kernel:mm_page_alloc.every_order_merges_back", 10, "__free_pages_ok"),
        ],
    },
]

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
        # expand's and rmqueue's cases build their zone's free blocks by
        # hand and call no merge; the merge cases need rmqueue to hand out
        # pages, and the kernel cases need everything
        "order": ["expand", "rmqueue", "page_is_buddy", "__free_pages_ok",
                  "__alloc_pages_limit"],
        "tests": [
            ("host:host_buddy.expand_puts_lower_halves_back", 10, "expand"),
            ("host:host_buddy.split_halves_go_back_on_their_lists", 10, "expand"),
            ("host:host_buddy.rmqueue_splits_every_order", 15, "rmqueue"),
            ("host:host_buddy.merge_needs_both_buddies", 10, "__free_pages_ok"),
            ("host:host_buddy.no_merge_with_a_buddy_free_at_a_lower_order", 10,
             "page_is_buddy"),
            ("host:host_buddy.alloc_pages_limit_honours_each_watermark", 10,
             "__alloc_pages_limit"),
            ("host:mm_buddy_model.random_sequence_matches_model", 15, "__free_pages_ok"),
            ("kernel:mm_page_alloc.split_leaves_one_block_per_order", 10, "rmqueue"),
            ("kernel:mm_page_alloc.every_order_merges_back", 10, "__free_pages_ok"),
        ],
    },
    {
        "name": "aging",
        "title": "Page aging and the page lists",
        "handout": "labs/02-aging.md",
        "order": ["age_page_down_ageonly", "deactivate_page", "age_page_down",
                  "age_page_up", "refill_inactive_scan"],
        "tests": [
            ("host:swap_lists.age_up_reactivates_and_caps", 15, "age_page_up"),
            ("host:swap_lists.age_down_halves_then_deactivates", 15, "age_page_down"),
            ("host:swap_lists.age_down_ageonly_never_moves", 10, "age_page_down_ageonly"),
            ("host:swap_lists.shared_page_is_not_deactivated", 10, "deactivate_page"),
            ("host:swap_lists.ageless_new_page_goes_inactive", 10, "deactivate_page"),
            ("host:host_vmscan.refill_inactive_scan_ages_each_page", 20,
             "refill_inactive_scan"),
            ("kernel:reclaim.refill_inactive_scan_ages_the_active_list", 20,
             "refill_inactive_scan"),
        ],
    },
    {
        "name": "swapout",
        "title": "The swap_out walk",
        "handout": "labs/03-swapout.md",
        "order": ["try_to_swap_out", "swap_out_pmd", "swap_out_pgd", "swap_out_vma",
                  "swap_out_mm", "swap_out_select"],
        "tests": [
            ("host:host_reclaim_steps.swap_out_pmd_stops_when_the_budget_is_spent", 15,
             "swap_out_pmd"),
            ("host:host_reclaim_steps.swap_out_pgd_walks_its_page_table", 10, "swap_out_pgd"),
            ("host:host_reclaim_steps.swap_out_vma_walks_from_address_to_its_end", 10,
             "swap_out_vma"),
            ("host:host_reclaim_steps.swap_out_mm_resumes_where_the_last_walk_stopped", 10,
             "swap_out_mm"),
            ("host:host_vmscan.swap_out_takes_from_the_largest_budget", 10, "swap_out_select"),
            ("host:host_vmscan.budgets_are_renewed_by_rss", 10, "swap_out_select"),
            ("kernel:reclaim.a_young_pte_is_kept_and_rewarded", 10, "try_to_swap_out"),
            ("kernel:reclaim.an_aged_page_goes_to_the_swap_cache", 10, "try_to_swap_out"),
            ("kernel:reclaim.a_cached_page_goes_back_to_its_slot", 10, "try_to_swap_out"),
            ("kernel:reclaim.a_write_fault_frees_the_slot", 5, "try_to_swap_out"),
        ],
    },
    {
        "name": "launder",
        "title": "Laundering and kswapd",
        "handout": "labs/04-launder.md",
        "order": ["page_launder", "reclaim_page", "refill_inactive", "do_try_to_free_pages"],
        "tests": [
            ("host:host_vmscan.page_launder_sorts_each_page", 15, "page_launder"),
            ("host:host_vmscan.page_launder_writes_only_when_short", 10, "page_launder"),
            ("host:host_vmscan.sync_page_launder_waits_for_its_write", 5, "page_launder"),
            ("host:host_vmscan.neighbouring_writes_share_a_request", 5, "page_launder"),
            ("host:host_vmscan.a_failed_write_is_retried", 5, "page_launder"),
            ("host:host_vmscan.page_launder_drops_an_orphan", 5, "page_launder"),
            ("host:host_vmscan.reclaim_page_takes_only_clean_unused_pages", 15,
             "reclaim_page"),
            ("host:host_reclaim_steps.refill_inactive_takes_pages_from_processes", 15,
             "refill_inactive"),
            ("host:host_reclaim_steps.do_try_to_free_pages_launders_and_refills", 15,
             "do_try_to_free_pages"),
            ("kernel:reclaim.reclaim_page_takes_clean_unused_pages", 10, "reclaim_page"),
        ],
    },
    {
        "name": "swapin",
        "title": "Swap-in and read-ahead",
        "handout": "labs/05-swapin.md",
        "order": ["do_swap_page", "swapin_readahead", "lookup_swap_cache"],
        "tests": [
            ("host:host_reclaim_steps.lookup_swap_cache_ages_the_page_up", 15,
             "lookup_swap_cache"),
            ("kernel:reclaim.swap_in_brings_the_data_back", 20, "do_swap_page"),
            ("kernel:reclaim.readahead_reads_the_cluster_in_one_request", 20,
             "swapin_readahead"),
            ("kernel:reclaim.swap_cache_lookups_age_pages_up", 15, "lookup_swap_cache"),
            ("kernel:reclaim.fork_shares_swapped_pages", 15, "do_swap_page"),
            ("kernel:reclaim.a_failed_readahead_hurts_only_the_unreadable_page", 15,
             "do_swap_page"),
        ],
    },
    {
        "name": "oom",
        "title": "The OOM killer",
        "handout": "labs/06-oom.md",
        "order": ["badness", "select_bad_process", "out_of_memory"],
        "tests": [
            ("kernel:oom.badness_ranks_by_size", 25, "badness"),
            ("kernel:oom.badness_counts_time_in_2_4_units", 25, "badness"),
            ("kernel:oom.oom_kill_kills_the_worst_only", 25, "select_bad_process"),
            ("kernel:oom.no_second_victim_while_one_exits", 25, "out_of_memory"),
        ],
    },
    {
        "name": "migrate",
        "title": "Page migration",
        "handout": "labs/07-migrate.md",
        # each step's case calls the steps before it in a page's move
        "order": ["isolate_lru_page", "putback_lru_page", "try_to_unmap",
                  "remove_migration_ptes", "migrate_page_move_mapping",
                  "migrate_page_copy", "unmap_and_move", "migrate_pages"],
        "tests": [
            ("host:host_migrate.isolation_takes_user_pages_off_their_lists", 10,
             "isolate_lru_page"),
            ("host:host_migrate.putback_puts_each_page_back_where_it_was", 10,
             "putback_lru_page"),
            ("host:host_migrate.try_to_unmap_makes_migration_entries", 10, "try_to_unmap"),
            ("host:host_migrate.remove_migration_ptes_maps_the_new_page", 10,
             "remove_migration_ptes"),
            ("host:host_migrate.step_16_follows_the_vma_now", 5, "remove_migration_ptes"),
            ("host:host_migrate.move_mapping_gives_the_slot_to_the_new_page", 10,
             "migrate_page_move_mapping"),
            ("host:host_migrate.migrate_page_copy_copies_bytes_and_flags", 10,
             "migrate_page_copy"),
            ("host:host_migrate.unmap_and_move_moves_a_mapped_page", 10, "unmap_and_move"),
            ("host:host_migrate.a_swap_cache_page_moves", 5, "migrate_pages"),
            ("host:host_migrate.a_pinned_page_stays_where_it_is", 5, "migrate_pages"),
            ("host:host_migrate.no_target_page_stops_everything", 5, "migrate_pages"),
            ("kernel:migrate.anonymous_pages_move_with_every_byte", 10, "migrate_pages"),
        ],
    },
]

# `step` and `next` stay in the code a student reads: they never enter
# the one-line static inline helpers of the headers, which a -O0 build
# (DEBUG=1) compiles as real calls.  `step` steps over each of them as
# if it were one instruction; `break` on one still works.  `info skip`
# lists these rules, `skip delete N` removes one.
#
# pte_present, pte_page, ptep_get_and_clear, pgd_offset, set_pte ...
skip -gfi mm/pgtable.h
# the PAGE_FLAG accessors (PageDirty, SetPageActive, TestClearPage...),
# get_page, page_count, page_address, page_to_pfn, virt_to_page
skip -gfi mm/mm.h
# list_add, list_del, list_empty ...
skip -gfi lib/list.h
# get_order, zone_idx, zone_is_highmem, vmtrace, count_vm_event,
# the no-op checks of a release build, debug_check_mm
skip -gfi mm/page.h
skip -gfi mm/mmzone.h
skip -gfi mm/vmtrace.h
skip -gfi mm/vmstat.h
skip -gfi mm/debug.h
skip -gfi mm/mmap.h
# cli/sti, inb/outb, invlpg, init_waitqueue_head, waitqueue_active,
# set_current_state, signal_pending, access_ok, user_mode, isdigit...,
# INIT_RADIX_TREE
skip -gfi kernel/x86.h
skip -gfi kernel/wait.h
skip -gfi kernel/sched.h
skip -gfi kernel/uaccess.h
skip -gfi kernel/traps.h
skip -gfi lib/ctype.h
skip -gfi lib/radix-tree.h
# lru_lock/lru_unlock, the add_page_to_*_list and del_page_from_*_list
# helpers, page_cache_release, swap_count, find_swap_page (break on it
# to look inside), swap_cache_key ...
skip -gfi mm/swap.h
# is_migration_entry, pte_is_migration ...
skip -gfi mm/swapops.h
# TryLockPage, unlock_page
skip -gfi mm/filemap.h
# blk_add_page, blk_add_seg
skip -gfi drivers/blkdev.h

/*
 * Page tables of user address spaces (Linux's asm-i386/pgtable.h,
 * pgtable-2level.h and pgalloc.h).
 *
 * i386 without PAE has two levels: a page directory of 1024 entries,
 * each covering 4 MiB, and page tables of 1024 PTEs, each mapping one
 * 4 KiB page.  Like Linux, the code is written for three levels, pgd
 * -> pmd -> pte, with the pmd folded into the pgd (pmd_offset() just
 * reinterprets the pgd entry), so the walks read the same as 2.4's
 * swap_out_pgd() -> swap_out_pmd() -> try_to_swap_out().
 *
 * The kernel's quarter of every page directory (PAGE_OFFSET up) is a
 * copy of swapper_pg_dir's 4 MiB entries (mm/init.c); the user part
 * uses 4 KiB page tables, created on the first fault in each 4 MiB.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/x86.h"
#include "mm/mm.h"
#include "mm/mm_types.h"

#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PGD		1024
#define PTRS_PER_PTE		1024
#define USER_PTRS_PER_PGD	(TASK_SIZE / PGDIR_SIZE)

/* PTE bits (Intel SDM, 32-bit paging); PROTNONE is Linux's software bit. */
#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020 /* "young": the CPU sets it on access */
#define _PAGE_DIRTY	0x040	/* set by the CPU on a write */
#define _PAGE_PSE	0x080	/* in a pgd entry: a 4 MiB page */
#define _PAGE_PROTNONE	0x080	/* in a non-present PTE: PROT_NONE */
#define _PAGE_GLOBAL	0x100

#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
			 _PAGE_ACCESSED | _PAGE_DIRTY)
/* What pte_modify() keeps: the frame and what the CPU recorded. */
#define _PAGE_CHG_MASK	(PAGE_MASK | _PAGE_ACCESSED | _PAGE_DIRTY)

/*
 * Protections for VMAs.  A private writable mapping gets PAGE_COPY,
 * read-only: the first write faults, and the fault handler makes the
 * page writable, copying it first if it is shared (copy-on-write).
 * On i386 without NX, readable implies executable.
 */
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
				 _PAGE_ACCESSED)
#define PAGE_COPY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_READONLY	PAGE_COPY

/* ---- the directory level (and the folded pmd) ---- */

#define pgd_index(addr)	(((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pte_index(addr)	(((addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return mm->pgd + pgd_index(addr);
}

static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr __unused)
{
	return (pmd_t *)pgd;
}

static inline bool pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline bool pmd_present(pmd_t pmd)
{
	return pmd_val(pmd) & _PAGE_PRESENT;
}
/* A user pmd must be a present page table (not a 4 MiB page). */
static inline bool pmd_bad(pmd_t pmd)
{
	return (pmd_val(pmd) & (_PAGE_PRESENT | _PAGE_USER | _PAGE_PSE)) !=
	       (_PAGE_PRESENT | _PAGE_USER);
}

static inline pte_t *pmd_page(pmd_t pmd)
{
	return __va(pmd_val(pmd) & PAGE_MASK);
}

static inline pte_t *pte_offset(pmd_t *pmd, unsigned long addr)
{
	return pmd_page(*pmd) + pte_index(addr);
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { *pmdp = pmd; }
static inline void pmd_clear(pmd_t *pmdp) { pmd_val(*pmdp) = 0; }

/*
 * The page table under user page-directory entry i of mm, or NULL
 * (none, or bad): for the invariant checkers, which walk every entry.
 * i stops at PTRS_PER_PGD as well as USER_PTRS_PER_PGD, since in the
 * host tests PAGE_OFFSET is the address of their memory arena.
 */
#define user_pgd_entries()	min(USER_PTRS_PER_PGD, (unsigned long)PTRS_PER_PGD)

static inline pte_t *user_pte_table(struct mm_struct *mm, unsigned int i)
{
	pmd_t *pmd = (pmd_t *)(mm->pgd + i);

	return pmd_none(*pmd) || pmd_bad(*pmd) ? NULL : pmd_page(*pmd);
}

/* ---- the PTE level ---- */

static inline bool pte_none(pte_t pte) { return !pte_val(pte); }
/* PROT_NONE pages are "present" to the kernel, not to the CPU. */
static inline bool pte_present(pte_t pte)
{
	return pte_val(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}
static inline unsigned long pte_pfn(pte_t pte)
{
	return pte_val(pte) >> PAGE_SHIFT;
}
static inline struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte_pfn(pte));
}
static inline bool pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline bool pte_young(pte_t pte)
{
	return pte_val(pte) & _PAGE_ACCESSED;
}

static inline pte_t pte_mkwrite(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_RW);
}
static inline pte_t pte_wrprotect(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_RW);
}
static inline pte_t pte_mkdirty(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_DIRTY);
}
static inline pte_t pte_mkclean(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_DIRTY);
}
static inline pte_t pte_mkyoung(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_ACCESSED);
}
static inline pte_t pte_mkold(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_ACCESSED);
}

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return __pte((page_to_pfn(page) << PAGE_SHIFT) | pgprot_val(prot));
}

/* The same page (and its young and dirty bits) with new protections. */
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	return __pte((pte_val(pte) & _PAGE_CHG_MASK) | pgprot_val(prot));
}

static inline void pte_clear(pte_t *ptep) { pte_val(*ptep) = 0; }

static inline pte_t ptep_get_and_clear(pte_t *ptep)
{
	pte_t pte = *ptep;

	pte_clear(ptep);
	return pte;
}

static inline void ptep_set_wrprotect(pte_t *ptep)
{
	*ptep = pte_wrprotect(*ptep);
}

/*
 * The seed's try_to_swap_out() call tree names these four.  They are
 * inline, as in 2.4.0 (a macro and static inlines of its asm-i386
 * pgtable headers): reclaim calls them for every PTE it looks at.  In
 * the stepping build (DEBUG=1, -O0) each is still a function of its
 * own in every file that calls it, and in both builds `break
 * ptep_test_and_clear_young` stops at every place it is used.
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	*ptep = pte;
}

static inline bool pte_dirty(pte_t pte)
{
	return pte_val(pte) & _PAGE_DIRTY;
}

/*
 * Was the page accessed since the last call?  The CPU sets the
 * accessed bit; page aging (try_to_swap_out) reads and clears it.  The
 * caller flushes the TLB entry, or the CPU may not set the bit again.
 */
static inline int ptep_test_and_clear_young(pte_t *ptep)
{
	int young = pte_young(*ptep);

	pte_val(*ptep) &= ~_PAGE_ACCESSED;
	return young;
}

static inline int ptep_test_and_clear_dirty(pte_t *ptep)
{
	int dirty = pte_dirty(*ptep);

	pte_val(*ptep) &= ~_PAGE_DIRTY;
	return dirty;
}

/* ---- TLB ---- */

extern struct mm_struct *active_mm;	/* whose entries the TLB keeps */
void __flush_tlb_page(unsigned long addr);
void __flush_tlb_mm(void);

/*
 * Only the loaded address space can have entries in the TLB (2.4.0's
 * one-CPU flush_tlb_page() and flush_tlb_mm(), inline there too, test
 * current->active_mm): kswapd's swap_out() mostly changes others.
 */
static inline void flush_tlb_page(struct vm_area_struct *vma,
				  unsigned long addr)
{
	if (vma->vm_mm == active_mm)
		__flush_tlb_page(addr);
}

static inline void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm == active_mm)
		__flush_tlb_mm();
}

/* ---- allocating and switching page tables (mm/pgtable.c) ---- */

pgd_t *pgd_alloc(void);
void pgd_free(pgd_t *pgd);
pte_t *pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr);
void pte_free(pte_t *table);
void switch_mm(struct mm_struct *next);
void use_mm(struct mm_struct *mm);
bool vmalloc_fault(unsigned long address);

/* Every swap PTE of mm, one moment of it (mm/pgtable.c). */
typedef int (*swap_pte_fn)(pte_t *pte, unsigned long addr, void *arg);
int walk_swap_ptes(struct mm_struct *mm, swap_pte_fn fn, void *arg);

#endif

"""What every pagoda-* command shares: reading the kernel, and failing in one line.

A command subclasses Command and writes run(args). Whatever goes wrong in
run() reaches the user as one line, "pagoda-NAME: what; usage: ...", never
as a Python traceback; NotSetUp says the structure does not exist yet
(GDB stopped at start_kernel, before mem_init built it).
"""

import gdb

PAGE_SHIFT = 12


class NotSetUp(Exception):
    """The structure a command reads does not exist yet: its text says which."""


class BadArgument(Exception):
    """The user's argument is wrong: its text says how."""


class Command(gdb.Command):
    """A pagoda-* command: set `name` and `usage`, write run(args)."""

    name = usage = None

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except NotSetUp as error:
            raise gdb.GdbError(f"{self.name}: {error}: not set up yet")
        except gdb.GdbError:
            raise
        except BadArgument as error:
            raise gdb.GdbError(f"{self.name}: {error} (usage: {self.usage})")
        except (gdb.error, gdb.MemoryError, ValueError, OverflowError) as error:
            text = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise gdb.GdbError(f"{self.name}: {text} (usage: {self.usage})")

    def run(self, args):
        raise NotImplementedError

    def no_arguments(self, args):
        if args:
            raise BadArgument(f"takes no argument, got {' '.join(args)!r}")


def value(expr):
    """A kernel expression's gdb.Value (a bad one raises BadArgument)."""
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as error:
        raise BadArgument(f"{expr!r}: {error}") from None


def integer(expr, what):
    """An argument that must be an integer (a number, a variable, $1...)."""
    val = value(expr)
    code = val.type.strip_typedefs().code
    if code not in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM, gdb.TYPE_CODE_BOOL,
                    gdb.TYPE_CODE_CHAR):
        raise BadArgument(f"{expr!r} is not {what}")
    return int(val)


def number_of(args, index, what, default=None):
    """args[index] as an integer, or `default` when absent."""
    if len(args) <= index:
        if default is None:
            raise BadArgument(f"{what} missing")
        return default
    return integer(args[index], what)


def sym(name):
    return gdb.parse_and_eval(name)


def array_len(expr):
    return int(sym(f"sizeof({expr})/sizeof(({expr})[0])"))


def list_entries(head, type_name, member):
    """The entries (gdb.Values, pointers) of a list_head list, in order."""
    ptr = gdb.lookup_type(type_name).pointer()
    offset = int(sym(f"(unsigned long)&(({type_name} *)0)->{member}"))
    node, seen = head["next"], 0
    if int(node) == 0:
        return
    while int(node) != int(head.address):
        yield gdb.Value(int(node) - offset).cast(ptr)
        node = node["next"]
        seen += 1
        if seen > 1 << 22:
            raise gdb.GdbError("a list that does not end: memory is corrupt?")


def mem_map_ready():
    """Raise NotSetUp unless mem_init() has built mem_map and the zones."""
    if int(sym("mem_map")) == 0 or int(sym("zone_table[0]")) == 0:
        raise NotSetUp("mem_map and the zones (mem_init() has not run)")


def zones():
    """(zone_t value, label) of every zone with RAM, in zone_table order."""
    mem_map_ready()
    table = sym("zone_table")
    for i in range(array_len("zone_table")):
        zone = table[i]
        if int(zone) and int(zone["realsize"]):
            yield zone.dereference(), zone_label(zone)


def zone_label(zone):
    return f"node {int(zone['zone_pgdat']['node_id'])} {zone['name'].string()}"


def symbol_at(address):
    """The name of the kernel object at address ('swapper_space'), or hex."""
    if address == 0:
        return "NULL"
    where = gdb.execute(f"info symbol {address:#x}", to_string=True).strip()
    if where.startswith("No symbol"):
        return f"{address:#x}"
    name = where.split(" in section")[0]
    return name.replace(" + ", "+")


def tasks():
    """Every task (struct task_struct *), init_task first (for_each_task)."""
    init = sym("&init_task")
    if int(init["tasks"]["next"]) == 0:
        raise NotSetUp("the task list (sched_init() has not run)")
    yield init
    yield from list_entries(init["tasks"], "struct task_struct", "tasks")


def task_by_pid(pid):
    for task in tasks():
        if int(task["pid"]) == pid:
            return task
    raise BadArgument(f"no task has pid {pid}")

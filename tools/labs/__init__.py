"""Course labs: the catalog, starter trees and the grader (tools/labtool.py).

catalog   the labs of labs/labs.py, checked
regions   the solution regions marked in the sources, and their stubs
starter   writing a lab's starter tree
grade     running a lab's graded tests: points, a total, results.json
proof     for make check: every starter scores less than full marks, the
          solution full marks
"""

"""report-lint: checks Chinese office work reports (工作总结, 汇报材料) before they go to a meeting."""

__version__ = "0.1.0"

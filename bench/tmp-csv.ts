import { benchCsvReaders } from '/work/wt-rules/bench/metrics';
import { printReport } from '/work/wt-rules/bench/report';
printReport(benchCsvReaders());

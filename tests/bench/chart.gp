# Cost versus corpus size for the benchmark suite (tests/bench/suite.sh).
#   gnuplot -e "datafile='chart.dat'; outfile='chart.png'" tests/bench/chart.gp
# chart.dat (written by report.py): column 1 the scale, then
#   2-4 index wall s, 5-7 index MB, 8-10 whole-process p50 ms, 11-13 in-process p95 ms
#   (each docket, omindex/quest, fts5), 14 docket --no-facets batch p95, 15 its proc p50,
#   16-17 index wall s, 18-19 index MB, 20-21 p95 ms over one connection (each sphinx, postgres).
# Log-log axes: a straight line of slope 1 is linear growth; the dotted grey line is linear
# growth from Docket's x1 figure, so a system above it scales worse than linearly.
set terminal pngcairo size 1400,1000 font "sans,11"
set output outfile
set datafile missing "?"
set logscale xy 2
set xtics ("x1" 1, "x2" 2, "x4" 4, "x8" 8, "x16" 16)
set xrange [0.8:20]
set xlabel "corpus size (copies of Reuters-21578, 21,578 stories each)"
set grid
set key top left
set style line 1 lc rgb "#1f77b4" lw 2 pt 7
set style line 2 lc rgb "#d62728" lw 2 pt 5
set style line 3 lc rgb "#2ca02c" lw 2 pt 9
set style line 4 lc rgb "#1f77b4" lw 2 pt 6 dt 2
set style line 5 lc rgb "#ff7f0e" lw 2 pt 11
set style line 6 lc rgb "#9467bd" lw 2 pt 13
set style line 9 lc rgb "#999999" lw 1 dt 3
stats datafile every ::0::0 using 1:2 nooutput prefix "I"
stats datafile every ::0::0 using 1:5 nooutput prefix "S"
set multiplot layout 2,2 title "Docket vs omindex/quest, SQLite FTS5, Sphinx 2.2, PostgreSQL 15: cost versus corpus size"

set title "Index wall time"
set ylabel "seconds"
plot datafile using 1:2 with linespoints ls 1 title "docket", \
     "" using 1:3 with linespoints ls 2 title "omindex", \
     "" using 1:4 with linespoints ls 3 title "fts5", \
     "" using 1:16 with linespoints ls 5 title "sphinx", \
     "" using 1:17 with linespoints ls 6 title "postgres", \
     I_min_y * x / I_min_x with lines ls 9 title "linear from docket x1"

set title "Index size on disk"
set ylabel "MB"
plot datafile using 1:5 with linespoints ls 1 title "docket", \
     "" using 1:6 with linespoints ls 2 title "omindex", \
     "" using 1:7 with linespoints ls 3 title "fts5", \
     "" using 1:18 with linespoints ls 5 title "sphinx", \
     "" using 1:19 with linespoints ls 6 title "postgres", \
     S_min_y * x / S_min_x with lines ls 9 title "linear from docket x1"

set title "Query p50, one process per query (top 10)"
set ylabel "ms"
plot datafile using 1:8 with linespoints ls 1 title "searcher", \
     "" using 1:15 with linespoints ls 4 title "searcher --no-facets", \
     "" using 1:9 with linespoints ls 2 title "quest", \
     "" using 1:10 with linespoints ls 3 title "sqlite3"

set title "Query p95, in-process batch or one server connection (top 10)"
set ylabel "ms"
plot datafile using 1:11 with linespoints ls 1 title "docket", \
     "" using 1:14 with linespoints ls 4 title "docket --no-facets", \
     "" using 1:12 with linespoints ls 2 title "xapian (as quest)", \
     "" using 1:13 with linespoints ls 3 title "fts5", \
     "" using 1:20 with linespoints ls 5 title "sphinx (snippets, facets)", \
     "" using 1:21 with linespoints ls 6 title "postgres (snippets, facets)"

unset multiplot

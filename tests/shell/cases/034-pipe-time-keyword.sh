# time with a fixed TIMEFORMAT reports on stderr
TIMEFORMAT='timed'
time true
time echo hi | cat
TIMEFORMAT='[%%]'
time { true; }

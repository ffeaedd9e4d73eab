# %f %e %g %E %G
printf '%f\n' 3.14159
printf '%.2f %.0f %8.3f\n' 3.14159 2.5 2.71828
printf '%e\n' 12345.678
printf '%E\n' 0.000123
printf '%g %g %g\n' 100000 1000000 0.0001
printf '%G\n' 0.00001

# commands before the error line have run
echo "line 2 runs"
echo "line 3 runs"
if; then
echo "never"

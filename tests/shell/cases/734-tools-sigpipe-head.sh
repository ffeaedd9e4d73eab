# a producer stops quietly when head exits early
# requires: head
# stderr: ignore (bash may report the write error or not, depending on timing)
for i in {1..100000}; do echo "$i"; done | head -n 2
echo "status ${PIPESTATUS[1]}"

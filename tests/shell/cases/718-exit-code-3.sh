# exit 3
exit 3

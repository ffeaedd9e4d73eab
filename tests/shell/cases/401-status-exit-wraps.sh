# exit statuses wrap modulo 256
(exit 256); echo "256 -> $?"
(exit 257); echo "257 -> $?"
(exit -1); echo "-1 -> $?"
(exit 300); echo "300 -> $?"
exit 511

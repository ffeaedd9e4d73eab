# ;; outside case
echo a ;;

# patterns may start with ( and the last ;; is optional
case b in
  (a) echo a ;;
  (b) echo b
esac
case x in x) echo "one line" ;; esac

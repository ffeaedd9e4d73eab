# case without a match returns 0; with a match, the branch's status
false
case x in y) echo no ;; esac
echo "no match: $?"
case x in x) (exit 3) ;; esac
echo "matched: $?"
case x in x) ;; esac
echo "empty branch: $?"

# case without esac
case x in
  x) echo x ;;

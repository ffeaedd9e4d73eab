# patterns and bodies spread across lines
case "val" in
  val)
    echo first
    echo second
    ;;
  *)
    echo other
    ;;
esac

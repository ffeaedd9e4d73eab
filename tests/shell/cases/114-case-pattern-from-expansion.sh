# patterns can come from expansions and globs in them match
ext=txt
case report.txt in *.$ext) echo "matched *.\$ext" ;; esac
p='[0-9]'
case 7 in $p) echo "matched a bracket from a variable" ;; esac

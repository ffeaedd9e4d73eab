# declare -p shows attributes and quoting
declare -i i=42
declare -x ex='a "quoted" $value'
declare -l low=MiXeD
declare -u up=MiXeD
declare -p i ex low up
plain='it'"'"'s'
declare -p plain

# ! inverts the status of a pipeline
! false
echo "! false: $?"
! true
echo "! true: $?"
! (exit 5)
echo "! (exit 5): $?"
! true | false
echo "! true|false: $?"
! false | true
echo "! false|true: $?"

# ! applies to one pipeline inside a list
! false && echo ok1
! true || echo ok2

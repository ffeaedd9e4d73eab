# { } groups commands in the current shell
{ echo a; echo b; }
{
  echo c
  echo d
}

# a pipeline may continue on the next line after |
echo continued |
  cat |

  cat

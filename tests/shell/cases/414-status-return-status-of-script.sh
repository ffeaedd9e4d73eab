# the last pipeline's status is the script's
true | false

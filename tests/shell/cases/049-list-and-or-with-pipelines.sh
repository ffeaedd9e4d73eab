# pipelines bind tighter than && and ||
false | true && echo "pipeline succeeded"
true | false || echo "pipeline failed"

# done without a loop
echo before
done

from gzkit.cli import main

main()
